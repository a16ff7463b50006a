"""``python -m fazhi_model.cli``: the same as ``fazhi``."""

from fazhi_model.cli import main

raise SystemExit(main())
