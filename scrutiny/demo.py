"""Scrutiny's demo data (manage.py load_demo), one loader per area, in this order."""

from . import demo_activities, demo_dataset, demo_reports


def load(stdout):
    demo_dataset.load(stdout)
    demo_activities.load(stdout)
    demo_reports.load(stdout)
