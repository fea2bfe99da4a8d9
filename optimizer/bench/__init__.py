"""Instance generator and baselines for benchmarks and tests (nothing in the flow imports it)."""
