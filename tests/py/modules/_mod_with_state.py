loads = []
loads.append("loaded")
