import okrkit


def test_version_matches_cmake_project() -> None:
    assert okrkit.__version__ == "0.1.0"


def test_errors_are_value_errors() -> None:
    for exc in (okrkit.ParseError, okrkit.ValidationError, okrkit.DomainError):
        assert issubclass(exc, okrkit.Error)
    assert issubclass(okrkit.Error, ValueError)
