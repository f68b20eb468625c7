"""What agencies do: Section 11 and Section 175/157 self-assessments."""
