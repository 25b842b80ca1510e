"""Getting ready for an interview: the research checklist, questions, stories, timing."""
