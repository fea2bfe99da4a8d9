"""What can be known before solving: pre-solve findings and lock checks."""
