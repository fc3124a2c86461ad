"""Server-rendered pages. Each view parses input, calls one service or selector, and renders."""
