"""The engine behind the one door: stages, decomposition, bounds, warm starts, dating.

Read from the top: :mod:`~optimizer.solve.pipeline` (the one ``solve``: model, start,
stages, cost bound, plan, conflicts), :mod:`~optimizer.solve.stage` (one stage's CP-SAT run
and Benders loop), :mod:`~optimizer.solve.start` (where stages start from),
:mod:`~optimizer.solve.clock` (time budget and cancelling); its parts: dating, greedy, warm
starts, the configuration LP (bound), the regional search (neighbourhood), the split by Land
(decompose), the conflict groups (conflicts); :mod:`~optimizer.solve.extract` turns solver
values into a plan. Every part takes its values from one
:class:`~optimizer.domain.options.SolveOptions`, passed explicitly.
"""
