"""What a plan means and what else was possible: figures, explanations, alternatives,
changes between plans, comparison."""
