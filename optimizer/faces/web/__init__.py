"""The planners' web app (``qualiplan serve``), built with NiceGUI: German pages from scenario
to sent schedule, on a workspace folder the CLI can read too. Every page calls the public
API (:mod:`optimizer.api`) and renders its results; no planning logic lives here."""
