"""kgbuild's own exceptions; only the CLI turns them into messages and exit codes."""


class KgbuildError(Exception):
    """Base of every error kgbuild reports to a user."""

    exit_code = 2

    def __init__(self, message: str, detail: str = ""):
        super().__init__(message)
        self.detail = detail  # lines shown under the message as they are (a query line and a caret)


class InputError(KgbuildError):
    """An article, query or path that kgbuild cannot use (exit code 2)."""


class StoreError(KgbuildError):
    """The store cannot be opened, locked or written (exit code 2)."""
