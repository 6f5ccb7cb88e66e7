"""The one exception the build raises for bad input: it always names the file, the place and the fix."""


class InputError(Exception):
    """Bad input that stops the build. The message names the file, the row or offset, and what to do."""

    def __init__(self, path, where: str, problem: str, fix: str):
        self.path, self.where, self.problem, self.fix = str(path), where, problem, fix
        super().__init__(f"{self.path}: {where}: {problem}. {fix}")
