namespace TeleDerm.RiskModelBuilder.Training;

/// <summary>A fitted logistic model on standardized features: p = σ(b + Σ wᵢ (xᵢ − meanᵢ) / stdᵢ).</summary>
internal sealed record LogisticModel(double[] Mean, double[] Std, double[] Weights, double Intercept)
{
    public double Predict(double[] x)
    {
        double z = Intercept;
        for (int j = 0; j < x.Length; j++) z += Weights[j] * (x[j] - Mean[j]) / Std[j];
        return 1 / (1 + Math.Exp(-z));
    }
}

/// <summary>
/// L2-penalized logistic regression fitted by Newton's method (IRLS) on standardized features.
/// Objective: Σ log-loss + ‖w‖² / (2C), intercept not penalized (C as in scikit-learn).
/// </summary>
internal static class LogisticRegression
{
    public static LogisticModel Fit(double[][] x, bool[] y, double c, int iterations = 50)
    {
        int n = x.Length, d = x[0].Length;
        var mean = new double[d];
        var std = new double[d];
        for (int j = 0; j < d; j++)
        {
            mean[j] = x.Average(r => r[j]);
            double variance = x.Average(r => (r[j] - mean[j]) * (r[j] - mean[j]));
            // A constant feature (e.g. never missing in this fold) carries nothing; keep it harmless.
            std[j] = variance > 1e-12 ? Math.Sqrt(variance) : 1;
        }
        var z = new double[n][];
        for (int i = 0; i < n; i++)
        {
            z[i] = new double[d + 1];
            z[i][0] = 1;
            for (int j = 0; j < d; j++) z[i][j + 1] = (x[i][j] - mean[j]) / std[j];
        }

        var beta = new double[d + 1];
        double lambda = 1 / c;
        for (int iteration = 0; iteration < iterations; iteration++)
        {
            var gradient = new double[d + 1];
            var hessian = new double[d + 1, d + 1];
            for (int i = 0; i < n; i++)
            {
                double p = 1 / (1 + Math.Exp(-Dot(beta, z[i])));
                double residual = p - (y[i] ? 1 : 0);
                double weight = p * (1 - p);
                for (int a = 0; a <= d; a++)
                {
                    gradient[a] += residual * z[i][a];
                    for (int b = 0; b <= d; b++) hessian[a, b] += weight * z[i][a] * z[i][b];
                }
            }
            for (int a = 1; a <= d; a++)
            {
                gradient[a] += lambda * beta[a];
                hessian[a, a] += lambda;
            }
            double[] step = Solve(hessian, gradient);
            double change = 0;
            for (int a = 0; a <= d; a++)
            {
                beta[a] -= step[a];
                change = Math.Max(change, Math.Abs(step[a]));
            }
            if (change < 1e-10) break;
        }
        return new LogisticModel(mean, std, beta[1..], beta[0]);
    }

    private static double Dot(double[] a, double[] b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }

    /// <summary>Gaussian elimination with partial pivoting; the penalized Hessian is positive definite.</summary>
    private static double[] Solve(double[,] matrix, double[] rhs)
    {
        int n = rhs.Length;
        var a = (double[,])matrix.Clone();
        var b = (double[])rhs.Clone();
        for (int col = 0; col < n; col++)
        {
            int pivot = col;
            for (int r = col + 1; r < n; r++)
                if (Math.Abs(a[r, col]) > Math.Abs(a[pivot, col])) pivot = r;
            if (pivot != col)
            {
                for (int k = 0; k < n; k++) (a[col, k], a[pivot, k]) = (a[pivot, k], a[col, k]);
                (b[col], b[pivot]) = (b[pivot], b[col]);
            }
            for (int r = col + 1; r < n; r++)
            {
                double f = a[r, col] / a[col, col];
                for (int k = col; k < n; k++) a[r, k] -= f * a[col, k];
                b[r] -= f * b[col];
            }
        }
        var x = new double[n];
        for (int r = n - 1; r >= 0; r--)
        {
            double s = b[r];
            for (int k = r + 1; k < n; k++) s -= a[r, k] * x[k];
            x[r] = s / a[r, r];
        }
        return x;
    }
}
