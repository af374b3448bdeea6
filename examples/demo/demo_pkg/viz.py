"""Plots; needs the optional dependency matplotlib (pip install demo-pkg[viz])."""
import matplotlib.pyplot as plt

__all__ = ["plot_totals"]


def plot_totals(totals):
    plt.plot(totals)
