1j
