"""Compliance (考核): activity records (台账) and the checks of quotas and targets."""
