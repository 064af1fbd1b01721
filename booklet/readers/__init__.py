"""Readers: content files -> the typed document model, with every problem located."""
