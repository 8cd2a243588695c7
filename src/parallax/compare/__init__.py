"""How outlets tell one story: what each reports alone, omits or contradicts, whom it quotes,
how it frames the story, and its tone toward the story's entities.

The learned classifiers it asks (stance, bias, persuasion techniques) live in
:mod:`parallax.models`; :func:`parallax.compare.story.compare_story` puts the steps together.
"""

from parallax.compare.tone import entity_tone

__all__ = ["entity_tone"]
