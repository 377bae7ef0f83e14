"""Loading polars and pandera for the checks: what pandera would import needlessly stays out, and only for that."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys


def test_pandera_loads_without_numpy_or_hypothesis_which_stay_importable_afterwards() -> None:
    code = (
        "import json, sys\n"
        "from lkjip_xl.checks.schema import load_check_libraries\n"
        "load_check_libraries()\n"
        "seen = [m for m in ('numpy', 'pandas', 'hypothesis') if m in sys.modules]\n"
        "finders = [type(f).__name__ for f in sys.meta_path]\n"
        "later = []\n"
        "for name in ('numpy', 'hypothesis'):\n"
        "    try:\n"
        "        __import__(name)\n"
        "        later.append(name)\n"
        "    except ImportError:\n"
        "        pass\n"
        "print(json.dumps([seen, finders, later]))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    seen, finders, later = json.loads(out.stdout.strip().splitlines()[-1])
    assert seen == []
    assert "_Unavailable" not in finders
    installed = [name for name in ("numpy", "hypothesis") if importlib.util.find_spec(name) is not None]
    assert later == installed  # hidden only while pandera was imported


def test_a_whole_check_run_imports_no_pandas_even_where_pandas_is_installed(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Many Sekretariat machines have pandas: pandera would import it (with numpy, ~0,45 s) at the first check."""
    fake = tmp_path / "site" / "pandas"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text("raise SystemExit('pandas was imported')\n")  # stands for an installed pandas
    code = (
        "import sys\n"
        "from lkjip_xl.checks.schema import load_check_libraries\n"
        "from lkjip_xl.example.build import build_master\n"
        "from lkjip_xl.checks.runner import check_files\n"
        "load_check_libraries()\n"
        "check_files([], build_master())\n"
        "from lkjip_xl.jobs import demo\n"
        "demo(__import__('pathlib').Path(sys.argv[1]))\n"
        "print('pandas' in sys.modules)\n"
    )
    env = {**__import__("os").environ, "PYTHONPATH": str(fake.parent)}
    out = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "demo")], capture_output=True, text=True, timeout=300, env=env
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split()[-1] == "False"
