"""Partner event submissions: the public form, the private status page, and what moderators see."""
