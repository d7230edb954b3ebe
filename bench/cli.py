"""The command line of the benchmark's data generators (`python -m bench.fund`,
`python -m bench.learning_models`): how many rows, a seed, Django set up, the time taken."""

import argparse
import os
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def generator_main(generate, doc, *, count, default, argv=None):
    """Parse `--<count> N --seed S`, set Django up and run `generate(N, seed=S, stdout=...)`."""
    parser = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    parser.add_argument(f"--{count}", type=int, default=default)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    sys.path.insert(0, ROOT)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    started = time.monotonic()
    generate(getattr(args, count), seed=args.seed, stdout=sys.stdout)
    print(f"Done in {time.monotonic() - started:.1f} s.")
