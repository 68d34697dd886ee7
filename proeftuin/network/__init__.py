"""The knowledge network between organisations: the peer benchmark (`benchmark`, reads) and
contact without exposing people (`services`: the contact point and the form's messages)."""
