"""The Safer Internet Day campaign, one sub-package per capability."""
