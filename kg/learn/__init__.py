"""Learning: training examples from the gold files, ``kg train``, cross-validation.

A side path of the pipeline: it imports extraction's candidate generators and features;
extraction only reads the model files it writes and never imports this package.
"""
