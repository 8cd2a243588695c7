"""NON-COMMERCIAL (CC BY-NC-SA 4.0), research use: Parallax's Ukrainian NER model.

The model folder is ``model/`` beside this file (a spaCy pipeline for organisations, with the CRF
over e5's token states for people and places in ``model/states/``, written by ``parallax train
ner-uk --states 64 --hybrid``); Parallax reads it (``parallax.nlp.ukrainian``); this package holds
no code of its own.
"""

from pathlib import Path

MODEL_DIR = Path(__file__).resolve().parent / "model"
LICENCE = "CC BY-NC-SA 4.0"
