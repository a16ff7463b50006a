"""Private parts of :mod:`fazhi_model.parse` (文本解析): normalisation, annotations, clauses."""
