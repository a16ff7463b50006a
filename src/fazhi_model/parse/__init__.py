"""The parser (文本解析): a skeleton model from a document's text, for a person to review."""
