"""The engine behind the one door: stages, decomposition, bounds, warm starts, dating."""
