"""Financial years, budgets, partner contributions and spending."""
