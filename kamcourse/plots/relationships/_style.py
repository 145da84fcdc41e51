"""Colours shared by the charts of lesson 05 (meaning is never carried by colour alone).

Taught in notebooks/05_relationship_stages.ipynb.
"""

from __future__ import annotations

BAR = "#4C72B0"
BAR_2 = "#DD8452"
WEAK = "#C44E52"
CORE = "#9ecae1"
SELECTIVE = "#deebf7"
