"""`python -m kgbuild` and the `kgbuild` command: the CLI, with Ctrl-C while it is still starting
(importing click and kgbuild) ending as quietly as Ctrl-C once it runs."""

import sys


def run() -> None:
    try:
        from .cli import main
    except KeyboardInterrupt:
        print("Interrupted.", file=sys.stderr)
        sys.exit(130)
    main()


if __name__ == "__main__":
    run()
