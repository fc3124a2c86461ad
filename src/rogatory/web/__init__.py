"""Server-rendered pages. Views parse, call one selector or service, and render."""
