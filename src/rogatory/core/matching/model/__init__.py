"""The trained pair model (``pair_model.json``), written by ``tools/train_matching_model.py``."""
