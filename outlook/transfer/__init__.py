"""Whole issues in and out: imports applied through the gate, and full exports."""
