"""Pure arithmetic of the figures: percentiles, periods, milestones of a case, SVG charts."""
