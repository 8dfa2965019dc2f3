"""People development: what the people modules share.

The modules themselves are apps of their own (competencies, coaching, missions,
trainings, onboarding); this app holds what they share: the people functions (HR,
coaching coordinator), the reporting line, the "Mon développement" hub, the talent
path catalogue and a person's path page.
"""
