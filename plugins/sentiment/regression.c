/*
 * regression.c -- fits the decision layer's multinomial logistic regression
 * (trainer.c prepares the standardised features and writes the model).
 *
 * Newton's method on the mean negative log-likelihood plus an L2 penalty,
 * with a backtracking line search.  The problem is strictly convex, so the
 * fit is the one optimum whatever the start, and every sum runs in a fixed
 * order: the same rows give the same weights, bit for bit, on one platform.
 * The problem is small (three labels times at most seventeen weights), so a
 * dense Hessian and a Cholesky solve cost nothing worth counting.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sentiment.h"

/* At most this many Newton steps, stopping when no weight moves more than the tolerance. */
#define NEWTON_STEPS 100
#define NEWTON_TOLERANCE 1e-10
/* The biases are barely penalised: enough to make the problem strictly convex (softmax does not
   change when every bias moves by the same amount), too little to bend the fit. */
#define BIAS_L2 1e-6

/*
 * Probabilities of one row z (with z[0] = 1 for the bias) under weights w,
 * in double precision: the plugin's sen_softmax works in single precision,
 * which is plenty for a block's label but not for Newton's steps.
 */
void sen_regression_probabilities(const double w[SEN_LABELS][SEN_FEATURES + 1], const double *z,
                                  size_t d, double p[SEN_LABELS])
{
    double logits[SEN_LABELS], top = -INFINITY, sum = 0;
    for (int l = 0; l < SEN_LABELS; l++) {
        logits[l] = 0;
        for (size_t j = 0; j <= d; j++)
            logits[l] += w[l][j] * z[j];
        top = logits[l] > top ? logits[l] : top;
    }
    for (int l = 0; l < SEN_LABELS; l++) {
        p[l] = exp(logits[l] - top);
        sum += p[l];
    }
    for (int l = 0; l < SEN_LABELS; l++)
        p[l] /= sum;
}

/* The penalised mean negative log-likelihood. */
static double objective(const double w[SEN_LABELS][SEN_FEATURES + 1], const double *z, const int *y,
                        size_t n, size_t d, double l2)
{
    double loss = 0;
    for (size_t i = 0; i < n; i++) {
        double p[SEN_LABELS];
        sen_regression_probabilities(w, &z[i * (d + 1)], d, p);
        loss -= log(p[y[i]] > 1e-300 ? p[y[i]] : 1e-300);
    }
    loss /= (double)n;
    for (int l = 0; l < SEN_LABELS; l++) {
        loss += 0.5 * BIAS_L2 * w[l][0] * w[l][0];
        for (size_t j = 1; j <= d; j++)
            loss += 0.5 * l2 * w[l][j] * w[l][j];
    }
    return loss;
}

/* Solves a x = b for a symmetric positive definite a (m x m, overwritten) by Cholesky. */
static int solve_spd(double *a, double *b, size_t m)
{
    for (size_t j = 0; j < m; j++) {
        double s = a[j * m + j];
        for (size_t k = 0; k < j; k++)
            s -= a[j * m + k] * a[j * m + k];
        if (!(s > 0))
            return -1;
        a[j * m + j] = sqrt(s);
        for (size_t i = j + 1; i < m; i++) {
            double v = a[i * m + j];
            for (size_t k = 0; k < j; k++)
                v -= a[i * m + k] * a[j * m + k];
            a[i * m + j] = v / a[j * m + j];
        }
    }
    for (size_t i = 0; i < m; i++) { /* L y = b */
        double v = b[i];
        for (size_t k = 0; k < i; k++)
            v -= a[i * m + k] * b[k];
        b[i] = v / a[i * m + i];
    }
    for (size_t i = m; i-- > 0;) { /* L^T x = y */
        double v = b[i];
        for (size_t k = i + 1; k < m; k++)
            v -= a[k * m + i] * b[k];
        b[i] = v / a[i * m + i];
    }
    return 0;
}

/*
 * Newton's method on the penalised multinomial log-likelihood, with a
 * backtracking line search.  z holds n rows of 1 + d values (the bias
 * column first).  The problem is strictly convex, so the start (all zeros)
 * does not matter and the result is the one optimum.
 */
int sen_regression_fit(const double *z, const int *y, size_t n, size_t d, double l2,
                       double w[SEN_LABELS][SEN_FEATURES + 1])
{
    size_t width = d + 1, m = SEN_LABELS * width;
    double *h = malloc(m * m * sizeof *h), *g = malloc(m * sizeof *g);
    if (!h || !g) {
        free(h);
        free(g);
        return -1;
    }
    memset(w, 0, sizeof(double) * SEN_LABELS * (SEN_FEATURES + 1));
    double current = objective(w, z, y, n, d, l2);
    for (int step = 0; step < NEWTON_STEPS; step++) {
        memset(h, 0, m * m * sizeof *h);
        memset(g, 0, m * sizeof *g);
        for (size_t i = 0; i < n; i++) {
            const double *row = &z[i * width];
            double p[SEN_LABELS];
            sen_regression_probabilities(w, row, d, p);
            for (int a = 0; a < SEN_LABELS; a++) {
                double r = p[a] - (y[i] == a);
                for (size_t j = 0; j < width; j++)
                    g[a * width + j] += r * row[j];
                for (int b = 0; b <= a; b++) {
                    double c = (a == b ? p[a] : 0) - p[a] * p[b];
                    for (size_t j = 0; j < width; j++)
                        for (size_t k = 0; k < width; k++)
                            h[(a * width + j) * m + b * width + k] += c * row[j] * row[k];
                }
            }
        }
        for (size_t u = 0; u < m; u++) {
            size_t j = u % width;
            double penalty = j == 0 ? BIAS_L2 : l2;
            g[u] = g[u] / (double)n + penalty * w[u / width][j];
            for (size_t v = 0; v <= u; v++)
                h[u * m + v] /= (double)n;
            h[u * m + u] += penalty;
        }
        for (size_t u = 0; u < m; u++) /* mirror the lower triangle */
            for (size_t v = u + 1; v < m; v++)
                h[u * m + v] = h[v * m + u];
        double gnorm = 0;
        for (size_t u = 0; u < m; u++)
            gnorm += g[u] * g[u];
        if (solve_spd(h, g, m) != 0) /* g now holds the Newton step */
            break;
        double t = 1, next = current, moved = 0;
        double trial[SEN_LABELS][SEN_FEATURES + 1];
        for (int halvings = 0; halvings < 40; halvings++) {
            memcpy(trial, w, sizeof trial);
            moved = 0;
            for (size_t u = 0; u < m; u++) {
                trial[u / width][u % width] -= t * g[u];
                moved = fmax(moved, fabs(t * g[u]));
            }
            next = objective(trial, z, y, n, d, l2);
            if (next <= current)
                break;
            t *= 0.5;
        }
        if (!(next <= current))
            break;
        memcpy(w, trial, sizeof trial);
        current = next;
        if (moved < NEWTON_TOLERANCE || gnorm < 1e-24)
            break;
    }
    free(h);
    free(g);
    return 0;
}
