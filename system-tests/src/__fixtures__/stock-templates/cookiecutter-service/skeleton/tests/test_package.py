import {{ cookiecutter.package_name }}


def test_has_a_docstring():
    assert {{ cookiecutter.package_name }}.__doc__
