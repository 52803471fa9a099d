"""An example campaignlint rule pack: every module here that defines an ``ID`` is a rule."""
