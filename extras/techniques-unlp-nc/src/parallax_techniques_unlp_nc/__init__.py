"""NON-COMMERCIAL (CC BY-NC-SA 4.0): Parallax's ru/uk manipulation-technique model.

The model folder is ``model/`` beside this file; Parallax reads it
(``parallax.models.techniques_unlp``); this package holds no code of its own.
"""

from pathlib import Path

MODEL_DIR = Path(__file__).resolve().parent / "model"
LICENCE = "CC BY-NC-SA 4.0"
