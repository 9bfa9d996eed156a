"""`python -m kgbuild` and the `kgbuild` command: the CLI, with Ctrl-C while it is still starting
(importing click and kgbuild) ending as quietly as Ctrl-C once it runs."""

import signal
import sys


def run() -> None:
    try:
        from .cli import main
    except KeyboardInterrupt:
        print("Interrupted.", file=sys.stderr)
        sys.exit(130)
    try:
        main()
    except SystemExit:
        # The command is done and has said so: a Ctrl-C now would only interrupt the exit (joining the
        # build's threads) and end the process by the signal, after its summary said it had finished.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        raise
    except KeyboardInterrupt:
        print("Interrupted.", file=sys.stderr)
        sys.exit(130)


if __name__ == "__main__":
    run()
