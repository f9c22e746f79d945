{k: v for k, v in z}
