"""Write the benchmark instances (:mod:`optimizer.bench.instances`) as scenario folders.

Each size and seed becomes ``<out>/nrw-<size>x-seed<seed>/`` (default out:
``scenarios/generated/``, git-ignored). Folders up to 1× NRW use real AGS keys and work with
``qualiplan solve`` and ``qualiplan check`` like any scenario. Larger ones hold synthetic
copies of NRW and a ``gazetteer/`` subfolder; read them with
``optimizer.bench.instance_io.read_instance`` (the CLI knows only the shipped gazetteer).
Prints one line of figures per instance.

    python benchmarks/generate_instances.py [--sizes 0.5,1,2,4] [--seeds 0] [--out DIR]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # the checkout's package
    sys.path.insert(0, str(ROOT))

from optimizer.bench.instance_io import write_instance  # noqa: E402
from optimizer.bench.instances import generate_instance  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="0.5,1,2,4", help="scales, comma-separated")
    parser.add_argument("--seeds", default="0", help="seeds, comma-separated")
    parser.add_argument("--out", type=Path, default=ROOT / "scenarios" / "generated")
    args = parser.parse_args(argv)
    for size in (float(s) for s in args.sizes.split(",")):
        for seed in (int(s) for s in args.seeds.split(",")):
            instance = generate_instance(size, seed)
            scenario = instance.scenario
            folder = write_instance(scenario, instance.reference, args.out / scenario.name)
            interest = sum(c.interested_m1 + c.interested_m2 for c in scenario.councils)
            print(f"{folder}: {len(scenario.councils)} councils, {len(scenario.sites)} sites, "
                  f"{len(scenario.trainers)} trainers, {interest} interested seats, "
                  f"budget {scenario.budget_eur:,.0f} €, {instance.tiles} tile(s)"
                  + (", synthetic gazetteer" if instance.synthetic else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
