"""Following through with the employer after the thank-you: the check-in date the
interviewer's timeline sets, follow-up e-mails, the reply to a rejection, closing kindly."""
