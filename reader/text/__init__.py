"""Text: decoding page files, CJK line layout, and the labels (日期不详, 第3版) and citations people read."""
