package io.factorytwin.core.model;

/**
 * One line of training progress, reported after every epoch of every ensemble member.
 *
 * @param phase          "train", "fine-tune" or another name the trainer documents
 * @param member         ensemble member, 0-based
 * @param epoch          1-based
 * @param trainLoss      mean squared error on the training set, normalised outputs
 * @param validationLoss mean squared error on the validation set, normalised outputs
 * @param bestEpoch      the epoch whose weights are kept so far (early stopping)
 */
public record TrainingProgress(String phase, int member, int epoch, double trainLoss, double validationLoss,
    int bestEpoch) {}
