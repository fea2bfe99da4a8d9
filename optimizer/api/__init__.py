"""The one door: the public API that every face, notebook, benchmark and test uses."""
