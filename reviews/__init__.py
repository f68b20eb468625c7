"""Serious incidents, rapid reviews, practice reviews, recommendations and learning."""
