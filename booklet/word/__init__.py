"""Word: the DOCX writer and reader sharing one style map."""
