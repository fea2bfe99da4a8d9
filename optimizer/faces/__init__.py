"""The faces: the command line (and later the web app); they parse, call the API, render."""
