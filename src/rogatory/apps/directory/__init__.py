"""The directory: States and their central authorities. Imports no other app but audit."""
