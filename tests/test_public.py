"""The public surface (公开接口) and the error families.

Every public module says what it exports (``__all__``) and every exported name exists; the
package lists its lazily loaded names in ``dir()``; each error family is raised where it should
be and is also the built-in exception a caller may already catch.
"""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import pkgutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import networkx as nx
import pytest

import fazhi_model as fm
from fazhi_model import errors
from fazhi_model.cli.matrix import write_text
from fazhi_model.compliance.check import check
from fazhi_model.export import graph_files, xlsx
from fazhi_model.views.matrix import matrix, to_dataframe


def _public_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(fm.__path__, "fazhi_model."):
        if not any(part.startswith("_") for part in info.name.split(".")[1:]):
            names.append(info.name)
    return sorted(names)


MODULES = _public_modules()


def test_the_walk_finds_every_layer() -> None:
    layers = {name.split(".")[1] for name in MODULES}
    assert {"model", "store", "dates", "compliance", "views", "parse", "export", "cli"} <= layers
    assert {"fazhi_model.errors", "fazhi_model.wording"} <= set(MODULES)


@pytest.mark.parametrize("name", MODULES)
def test_every_public_module_exports_what_it_defines(name: str) -> None:
    module = importlib.import_module(name)
    defined = {
        key
        for key, value in vars(module).items()
        if not key.startswith("_")
        and (inspect.isclass(value) or inspect.isfunction(value))
        and value.__module__ == name
    }
    exported = getattr(module, "__all__", None)
    if exported is None:
        assert not defined, f"{name} defines {sorted(defined)} but has no __all__"
        return
    assert len(set(exported)) == len(exported), f"{name}.__all__ repeats a name"
    assert [n for n in exported if not hasattr(module, n)] == []
    assert sorted(defined - set(exported)) == []


def test_every_name_of_the_package_resolves() -> None:
    for name in fm.__all__:
        assert getattr(fm, name) is not None, name
    lazy = set(fm._LAZY)
    assert lazy <= set(fm.__all__)
    assert set(fm.__all__) <= set(dir(fm))


def test_the_lazy_table_points_at_the_defining_modules() -> None:
    for name, module in fm._LAZY.items():
        value = getattr(importlib.import_module(f"fazhi_model.{module}"), name)
        assert getattr(fm, name) is value


def test_dir_lists_the_lazy_names_before_they_are_loaded() -> None:
    code = (
        "import sys, fazhi_model as fm\n"
        "names = set(dir(fm))\n"
        "assert 'fazhi_model.parse.reader' not in sys.modules\n"
        "assert 'fazhi_model.views.graph' not in sys.modules\n"
        "print(' '.join(sorted(n for n in ('parse_text', 'build_graph', 'schedule', 'check',"
        " 'duties', 'checklist', 'matrix') if n in names)))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.split() == [
        "build_graph",
        "check",
        "checklist",
        "duties",
        "matrix",
        "parse_text",
        "schedule",
    ]


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no_such_name"):
        _ = fm.no_such_name


# -- the error families ---------------------------------------------------------------------


def test_require_names_the_extra_and_is_an_import_error() -> None:
    with pytest.raises(ImportError) as info:
        errors.require("fazhi_no_such_package", "xlsx", feature="XLSX")
    assert isinstance(info.value, fm.MissingDependencyError)
    assert isinstance(info.value, fm.FazhiError)
    assert "pip install 'fazhi_model[xlsx]'" in str(info.value)
    assert errors.require("json", "none", feature="json").dumps([]) == "[]"


def test_a_missing_optional_package_is_a_missing_dependency(
    doc: fm.Document, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # import openpyxl now fails
    with pytest.raises(fm.MissingDependencyError, match=r"fazhi_model\[xlsx\]"):
        xlsx.write(doc, tmp_path / "m.xlsx")
    assert not (tmp_path / "m.xlsx").exists()
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"fazhi_model\[pandas\]"):
        to_dataframe(matrix(doc))


def test_bad_caller_input_is_an_input_error(doc: fm.Document, tmp_path: Path) -> None:
    cases: list[Callable[[], object]] = [
        lambda: graph_files.export(nx.MultiDiGraph(), "pdf"),
        lambda: xlsx.write(doc, tmp_path / "m.xlsx", active="sideways"),
        lambda: check(doc, 2025, [], terms={"张三": (dt.date(2025, 6, 1), dt.date(2025, 1, 1))}),
        lambda: fm.validate("not a document"),  # type: ignore[arg-type]
    ]
    for case in cases:
        with pytest.raises(ValueError) as info:
            case()
        assert isinstance(info.value, fm.InputError)
        assert "(" in str(info.value), "messages are 中文 (English)"


def test_a_failed_write_is_a_write_error(doc: fm.Document, tmp_path: Path) -> None:
    missing = tmp_path / "no-such-folder" / "out.txt"
    with pytest.raises(OSError) as info:
        write_text(str(missing), "x")
    assert isinstance(info.value, fm.WriteError)
    assert str(missing) in str(info.value)
    with pytest.raises(fm.WriteError):
        xlsx.write(doc, tmp_path / "no-such-folder" / "m.xlsx")


def test_no_bare_base_error_is_raised_in_the_package() -> None:
    root = Path(fm.__file__).parent
    found = [
        f"{path.relative_to(root)}:{n}"
        for path in sorted(root.rglob("*.py"))
        for n, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if "raise FazhiError(" in line or "except ImportError" in line
    ]
    assert found == ["errors.py:" + str(_require_line(root / "errors.py"))]


def _require_line(path: Path) -> int:
    lines = path.read_text("utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if "except ImportError" in line)
