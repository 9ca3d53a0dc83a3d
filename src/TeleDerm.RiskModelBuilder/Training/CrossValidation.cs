namespace TeleDerm.RiskModelBuilder.Training;

/// <summary>Cross-validated figures for one feature set: fold AUCs and out-of-fold predictions of every repeat.</summary>
internal sealed record CrossValidationResult(double MeanAuc, double AucSd, int Folds, double[][] OutOfFold);

/// <summary>Repeated stratified k-fold cross-validation, deterministic by seed.</summary>
internal static class CrossValidation
{
    /// <summary>
    /// <paramref name="design"/> turns the rows into feature vectors given the training rows of a fold
    /// (so imputation uses training values only).
    /// </summary>
    public static CrossValidationResult Run(int count, bool[] labels, Func<int[], int[], (double[][] Train, double[][] Test)> design,
        double c, int folds, int repeats, int seed)
    {
        var aucs = new List<double>();
        var outOfFold = new double[repeats][];
        for (int repeat = 0; repeat < repeats; repeat++)
        {
            int[] fold = StratifiedFolds(labels, folds, new Random(seed + repeat));
            outOfFold[repeat] = new double[count];
            for (int k = 0; k < folds; k++)
            {
                int[] train = [.. Enumerable.Range(0, count).Where(i => fold[i] != k)];
                int[] test = [.. Enumerable.Range(0, count).Where(i => fold[i] == k)];
                var (xTrain, xTest) = design(train, test);
                LogisticModel model = LogisticRegression.Fit(xTrain, [.. train.Select(i => labels[i])], c);
                double[] predictions = [.. xTest.Select(model.Predict)];
                for (int t = 0; t < test.Length; t++) outOfFold[repeat][test[t]] = predictions[t];
                aucs.Add(Roc.Auc(predictions, [.. test.Select(i => labels[i])]));
            }
        }
        double mean = aucs.Average();
        double sd = Math.Sqrt(aucs.Sum(a => (a - mean) * (a - mean)) / (aucs.Count - 1));
        return new CrossValidationResult(mean, sd, aucs.Count, outOfFold);
    }

    /// <summary>Fold numbers with positives and negatives each shuffled and dealt round-robin.</summary>
    public static int[] StratifiedFolds(bool[] labels, int folds, Random random)
    {
        var fold = new int[labels.Length];
        foreach (bool cls in new[] { true, false })
        {
            int[] members = [.. Enumerable.Range(0, labels.Length).Where(i => labels[i] == cls)];
            random.Shuffle(members);
            for (int i = 0; i < members.Length; i++) fold[members[i]] = i % folds;
        }
        return fold;
    }
}
