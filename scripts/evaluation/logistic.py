"""An L2-regularised logistic regression, fitted with scipy's L-BFGS-B, for the training scripts of the fitted
extraction mechanisms (train_span_model, train_attribution). The loss is convex and the optimum unique, so a fit is
deterministic; the extractors apply the weights themselves and need neither this module nor scipy."""
from __future__ import annotations

import numpy as np
from scipy.optimize import minimize


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float, unpenalised: tuple[int, ...] = (),
                 **options) -> np.ndarray:
    """Weights minimising sum(log(1 + exp(z)) - y * z) + l2 / 2 * |w|^2 over z = x @ w, with y in {0, 1}; the
    columns in `unpenalised` (a bias) carry no penalty. `options` go to scipy.optimize.minimize; a fit that does
    not converge raises SystemExit saying so."""
    penalised = np.ones(x.shape[1])
    penalised[list(unpenalised)] = 0.0

    def loss(w):
        z = x @ w
        p = 1.0 / (1.0 + np.exp(-z))
        value = np.sum(np.logaddexp(0.0, z) - y * z) + 0.5 * l2 * np.sum(penalised * w ** 2)
        return value, x.T @ (p - y) + l2 * penalised * w
    result = minimize(loss, np.zeros(x.shape[1]), jac=True, method="L-BFGS-B", options=options or None)
    if options and not result.success:
        raise SystemExit(f"The fit did not converge: {result.message}")
    return result.x
